import { Badge } from '@/components/ui/badge'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import type { tenantCounts } from '@/lib/dashboard/admin'

type Row = Awaited<ReturnType<typeof tenantCounts>>[number]

/** Every tenant's size and today's activity (the tenants table below links to each one). */
export function TenantActivityTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No tenants yet.</p>
  return (
    <Table aria-label="Activity per tenant">
      <TableHeader>
        <TableRow>
          <TableHead>Tenant</TableHead>
          <TableHead className="text-right">Targets</TableHead>
          <TableHead className="text-right">Tasks</TableHead>
          <TableHead className="text-right">Runs today</TableHead>
          <TableHead className="text-right">Failures today</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((t) => (
          <TableRow key={t.id}>
            <TableCell>
              <span className="font-medium">{t.name}</span>
              {t.disabled && (
                <Badge variant="secondary" className="ml-2">
                  Disabled
                </Badge>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{t.targets}</TableCell>
            <TableCell className="text-right tabular-nums">{t.tasks}</TableCell>
            <TableCell className="text-right tabular-nums">{t.runsToday}</TableCell>
            <TableCell
              className={t.failuresToday ? 'text-right text-destructive tabular-nums' : 'text-right tabular-nums'}
            >
              {t.failuresToday}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
