import { Badge } from '@/components/ui/badge'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import type { PreviewRow } from '@/lib/targets/import/types'

// Thousands of plain rows render fine; past this many the table is no longer read anyway.
const SHOWN = 1000

const actionBadge = {
  create: { label: 'Create', variant: 'success' },
  update: { label: 'Update', variant: 'warning' },
  skip: { label: 'Skip', variant: 'outline' },
} as const

export function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  return (
    <div className="grid gap-2">
      <div className="rounded-md border">
        <Table aria-label="Hosts to import">
          <TableHeader>
            <TableRow>
              <TableHead className="w-16">Line</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Address</TableHead>
              <TableHead>Labels</TableHead>
              <TableHead>Action</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.slice(0, SHOWN).map((row) => (
              <TableRow key={row.name}>
                <TableCell className="text-muted-foreground tabular-nums">{row.line}</TableCell>
                <TableCell className="font-medium">{row.name}</TableCell>
                <TableCell>
                  <code className="text-xs">
                    {row.username ? `${row.username}@` : ''}
                    {row.host}:{row.port}
                  </code>
                  {row.proxy && <span className="text-xs text-muted-foreground"> via {row.proxy}</span>}
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {row.labels.map((l) => (
                      <Badge key={l} variant="outline">
                        {l}
                      </Badge>
                    ))}
                  </div>
                </TableCell>
                <TableCell>
                  <Badge variant={actionBadge[row.action].variant}>{actionBadge[row.action].label}</Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {rows.length > SHOWN && (
        <p className="text-sm text-muted-foreground">
          Showing the first {SHOWN} of {rows.length} hosts; all of them are imported.
        </p>
      )}
    </div>
  )
}
