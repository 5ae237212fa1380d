import Form from 'next/form'
import Link from 'next/link'
import { GitCompareIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { formatDateTime } from '@/lib/format'
import type { ScriptVersionRow } from '@/lib/scripts/queries'

/**
 * Every version, newest first. Picking "from" and "to" and comparing is a GET form, so the
 * comparison is a URL (?tab=history&from=2&to=3) like any other.
 */
export function VersionTable({
  base,
  versions,
  latest,
  from,
  to,
}: {
  base: string
  versions: ScriptVersionRow[]
  latest: number
  from: number
  to: number
}) {
  return (
    <Form action={base} className="grid gap-3">
      <input type="hidden" name="tab" value="history" />
      <div className="overflow-hidden rounded-md border">
        <Table>
          <TableCaption className="sr-only">Versions</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-12 text-center">From</TableHead>
              <TableHead className="w-12 text-center">To</TableHead>
              <TableHead>Version</TableHead>
              <TableHead>SHA-256</TableHead>
              <TableHead>Author</TableHead>
              <TableHead>Saved</TableHead>
              <TableHead>Message</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {versions.map((v) => (
              <TableRow key={v.version}>
                <TableCell className="text-center">
                  <input
                    type="radio"
                    name="from"
                    value={v.version}
                    defaultChecked={v.version === from}
                    aria-label={`Compare from version ${v.version}`}
                    className="size-4 accent-primary"
                  />
                </TableCell>
                <TableCell className="text-center">
                  <input
                    type="radio"
                    name="to"
                    value={v.version}
                    defaultChecked={v.version === to}
                    aria-label={`Compare to version ${v.version}`}
                    className="size-4 accent-primary"
                  />
                </TableCell>
                <TableCell>
                  <span className="font-medium tabular-nums">v{v.version}</span>
                  {v.version === latest && (
                    <Badge variant="secondary" className="ml-2">
                      latest
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  <code className="font-mono text-xs" title={v.sha256}>
                    {v.sha256.slice(0, 12)}
                  </code>
                </TableCell>
                <TableCell>{v.author?.name ?? '—'}</TableCell>
                <TableCell>{formatDateTime(v.createdAt)}</TableCell>
                <TableCell className="max-w-xs truncate">{v.message ?? ''}</TableCell>
                <TableCell className="text-right whitespace-nowrap">
                  <Button asChild variant="ghost" size="sm">
                    <Link href={`${base}?tab=history&version=${v.version}`}>View</Link>
                  </Button>
                  {v.version > 1 && (
                    <Button asChild variant="ghost" size="sm">
                      <Link
                        href={`${base}?tab=history&from=${v.version - 1}&to=${v.version}`}
                        aria-label={`Changes in version ${v.version}`}
                      >
                        Changes
                      </Link>
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {versions.length > 1 && (
        <div>
          <Button type="submit" variant="outline">
            <GitCompareIcon aria-hidden /> Compare selected
          </Button>
        </div>
      )}
    </Form>
  )
}
