import { csvColumns } from '@/lib/targets/import/csv'
import { MAX_IMPORT_HOSTS } from '@/lib/targets/import/types'

const columnHelp: Record<(typeof csvColumns)[number], string> = {
  name: 'Target name, unique in the tenant. Empty: the host.',
  host: 'Host name or IP address. Empty: the name.',
  port: 'SSH port. Empty: 22.',
  user: 'SSH user (the column may also be called username). Empty: the default SSH user.',
  labels: 'Labels separated by spaces, commas or semicolons (quote a cell with commas).',
  resource_pool: 'Cloud resource pool.',
  region: 'Region.',
  encoding: 'Output encoding: utf-8 (default), gbk, gb18030, big5, shift_jis, …',
  proxy: 'Name of one of this tenant’s proxies to connect through.',
}

const csvExample = `name,host,port,user,labels,region
web-1,10.0.0.11,22,deploy,"web prod",eu-west
db-1,10.0.1.5,2222,postgres,db;prod,eu-west`

const iniExample = `# Groups become labels; a child group's hosts
# also get the parent group's name.
[web]
web[01:04].example.com
lb1 ansible_host=10.0.0.5 ansible_port=2222

[db]
db-[a:c].example.com ansible_user=postgres

[prod:children]
web
db

[prod:vars]
ansible_user=deploy`

const yamlExample = `all:
  children:
    web:
      hosts:
        web[01:04].example.com:
        lb1: { ansible_host: 10.0.0.5, ansible_port: 2222 }
    prod:
      children:
        web:
      vars:
        ansible_user: deploy`

function Example({ title, code }: { title: string; code: string }) {
  return (
    <div className="grid gap-1">
      <h3 className="text-sm font-medium">{title}</h3>
      <pre className="overflow-x-auto rounded-md border bg-muted/50 p-3 text-xs leading-relaxed">{code}</pre>
    </div>
  )
}

/** The import formats, documented where they are used. */
export function ImportHelp() {
  return (
    <aside aria-labelledby="import-help" className="grid content-start gap-4 text-sm">
      <h2 id="import-help" className="text-lg font-semibold">
        Formats
      </h2>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">CSV columns</h3>
        <p className="text-muted-foreground">
          A header row first; any order, case-insensitive. A name or a host column is required; other columns are
          refused.
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {csvColumns.map((c) => (
            <div key={c} className="contents">
              <dt>
                <code className="text-xs">{c}</code>
              </dt>
              <dd className="text-muted-foreground">{columnHelp[c]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Example title="CSV example" code={csvExample} />
      <Example title="Ansible INI example" code={iniExample} />
      <Example title="Ansible YAML example" code={yamlExample} />
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">How an inventory maps to targets</h3>
        <ul className="grid list-disc gap-1 pl-5 text-muted-foreground">
          <li>
            The inventory name is the target name; <code>ansible_host</code>, <code>ansible_port</code> and{' '}
            <code>ansible_user</code> set host, port and user (host vars win over deeper groups’ vars, which win over
            their parents’). Other variables are ignored.
          </li>
          <li>
            Ranges: <code>web[01:10]</code>, <code>db-[a:f]</code>, with a step <code>node[0:20:5]</code>.
          </li>
          <li>
            Every group a host is in, directly or through <code>:children</code>, becomes a label (not <code>all</code>{' '}
            or <code>ungrouped</code>).
          </li>
          <li>New targets sign in with the tenant’s platform key; install it on the hosts (Settings shows how).</li>
          <li>
            Existing names are skipped or updated, as you choose. An update sets host, port and labels from the file (a
            CSV without a labels column keeps them) and any other field the file fills in; it keeps the credential, and
            the trusted host key unless the host or port changes.
          </li>
          <li>
            At most {MAX_IMPORT_HOSTS.toLocaleString('en')} hosts per import. One error stops the whole import; nothing
            is half-imported.
          </li>
        </ul>
      </section>
    </aside>
  )
}
