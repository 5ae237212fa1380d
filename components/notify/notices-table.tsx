'use client'
import { CheckIcon } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { createContext, type MouseEvent, use } from 'react'
import { toast } from 'sonner'
import { createDataTableColumnHelper } from '@/components/data-table/columns'
import { DataTable } from '@/components/data-table/data-table'
import { RunStatusBadge } from '@/components/runs/run-status-badge'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { markNoticeReadAction } from '@/lib/notify/notice-actions'
import { noticeKinds, noticeStatus, noticeTable } from '@/lib/notify/notice-params'
import type { NoticeRow } from '@/lib/notify/notices'
import { statusLabels } from '@/lib/runs/statuses'

const TenantContext = createContext('')

function useMarkRead() {
  const router = useRouter()
  return useAction(markNoticeReadAction, {
    // The header's bell comes with the server's render.
    onSuccess: () => router.refresh(),
    onError: ({ error }) => toast.error(error.serverError ?? 'Could not mark the notice read.'),
  })
}

/** Following a notice reads it: a plain click waits for that before going, so the bell there agrees. */
function TitleCell({ row }: { row: NoticeRow }) {
  const tenant = use(TenantContext)
  const router = useRouter()
  const read = useMarkRead()
  function open(event: MouseEvent<HTMLAnchorElement>) {
    // A right click only opens the menu.
    if (row.readAt || event.button === 2) return
    const marked = read.executeAsync({ tenant, id: row.id })
    // Opened elsewhere (middle or modified click): the browser goes, this page stays.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    void marked.finally(() => router.push(row.link))
  }
  return (
    <div className="grid max-w-xl gap-0.5 whitespace-normal">
      <Link
        href={row.link}
        onClick={open}
        onAuxClick={open}
        className={row.readAt ? 'hover:underline' : 'font-semibold hover:underline'}
      >
        {row.title}
      </Link>
      {row.body && <span className="text-xs text-muted-foreground">{row.body}</span>}
    </div>
  )
}

function ReadCell({ row }: { row: NoticeRow }) {
  const tenant = use(TenantContext)
  const read = useMarkRead()
  if (row.readAt) return <span className="text-muted-foreground">Read</span>
  return (
    <div className="flex items-center gap-2">
      <Badge variant="default">Unread</Badge>
      <Button
        size="sm"
        variant="outline"
        disabled={read.isPending}
        aria-label={`Mark read: ${row.title}`}
        onClick={() => read.execute({ tenant, id: row.id })}
      >
        <CheckIcon aria-hidden /> Mark read
      </Button>
    </div>
  )
}

const kindLabel = (kind: string) => {
  const status = noticeStatus(kind)
  return status ? `Run ${statusLabels[status].toLowerCase()}` : kind
}

const col = createDataTableColumnHelper<NoticeRow>()
const columns = col.columns([
  col.accessor('createdAt', {
    header: 'Time',
    cell: (c) => <span className="tabular-nums">{formatDateTime(c.getValue())}</span>,
    meta: { sortDescFirst: true },
  }),
  col.accessor('kind', {
    header: 'Kind',
    cell: (c) => {
      const status = noticeStatus(c.getValue())
      return status ? <RunStatusBadge status={status} /> : <Badge variant="outline">{c.getValue()}</Badge>
    },
  }),
  col.accessor('title', { header: 'Notice', cell: (c) => <TitleCell row={c.row.original} /> }),
  col.display({ id: 'read', header: 'State', cell: (c) => <ReadCell row={c.row.original} /> }),
])

const filters = [
  {
    id: 'state',
    label: 'State',
    options: [
      { value: 'unread', label: 'Unread' },
      { value: 'read', label: 'Read' },
    ],
  },
  { id: 'kind', label: 'Kind', options: noticeKinds.map((k) => ({ value: k, label: kindLabel(k) })) },
] as const

export function NoticesTable({ tenant, rows, total }: { tenant: string; rows: NoticeRow[]; total: number }) {
  return (
    <TenantContext value={tenant}>
      <DataTable
        caption="Notices"
        columns={columns}
        data={rows}
        total={total}
        params={noticeTable.parsers}
        getRowId={(r) => r.id}
        searchPlaceholder="Search by title…"
        filters={filters}
        emptyMessage="No notices match."
      />
    </TenantContext>
  )
}
