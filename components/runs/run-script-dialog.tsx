'use client'
import { PlayIcon } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { FormError } from '@/components/forms/form-error'
import { useDialogForm } from '@/components/forms/use-dialog-form'
import { formValues } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { prepareScriptRunAction, startScriptRunAction } from '@/lib/runs/actions'
import { checkScriptRunAction } from '@/lib/runs/preflight-actions'
import { runLimits } from '@/lib/runs/schema'
import { ParameterField } from './parameter-field'
import { PreflightButton } from './preflight-button'
import { type PickedTarget, TargetPicker } from './target-picker'

type Prepared = NonNullable<Awaited<ReturnType<typeof prepareScriptRunAction>>['data']>

const PARAM = 'param.'

/** Form values → the action's input: parameter fields become one record. */
function toInput(values: Record<string, string | boolean>) {
  const parameters: Record<string, string> = {}
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(PARAM)) parameters[key.slice(PARAM.length)] = String(value)
    else rest[key] = value
  }
  return { ...rest, parameters }
}

/**
 * "Run this script" (PRODUCT.md §1): pick targets and parameter values, start a one-off run
 * of the latest version, and land on its page.
 */
export function RunScriptDialog({
  tenant,
  scriptId,
  compact = false,
}: {
  tenant: string
  scriptId: string
  /** A small ghost button, for a table row. */
  compact?: boolean
}) {
  const router = useRouter()
  const [prepared, setPrepared] = useState<Prepared | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [picked, setPicked] = useState<PickedTarget[]>([])
  const [labels, setLabels] = useState<string[]>([])
  const { form, dialog } = useDialogForm(startScriptRunAction, {
    extra: { tenant, scriptId, targetIds: picked.map((t) => t.id), labels },
    prepare: toInput,
    onSuccess: (data) => data && router.push(`/${tenant}/runs/${data.runId}`),
  })

  useEffect(() => {
    if (!dialog.open) return
    let current = true
    void prepareScriptRunAction({ tenant, scriptId }).then((r) => {
      if (!current) return
      if (r?.data) setPrepared(r.data)
      else setLoadError(r?.serverError ?? 'This script could not be loaded.')
    })
    return () => {
      current = false
    }
  }, [dialog.open, tenant, scriptId])

  const errors = form.fieldErrors
  return (
    <Dialog {...dialog}>
      <DialogTrigger asChild>
        <Button variant={compact ? 'ghost' : 'default'} size={compact ? 'sm' : 'default'}>
          <PlayIcon aria-hidden /> Run
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{prepared ? `Run ${prepared.name}` : 'Run script'}</DialogTitle>
          <DialogDescription>
            {prepared
              ? `Runs version ${prepared.version} once on the targets you pick.`
              : 'Loading the script’s parameters…'}
          </DialogDescription>
        </DialogHeader>
        {loadError && <FormError message={loadError} />}
        {prepared && (
          <form onSubmit={form.onSubmit} className="grid gap-5" noValidate>
            <FormError message={form.formError} />
            <TargetPicker
              tenant={tenant}
              labels={prepared.labels}
              picked={picked}
              onPickedChange={setPicked}
              pickedLabels={labels}
              onPickedLabelsChange={setLabels}
              error={errors.targetIds?.[0] ?? errors.labels?.[0]}
            />
            {prepared.parameters.length > 0 && (
              <fieldset className="grid gap-4">
                <legend className="mb-2 text-sm font-medium">Parameters</legend>
                {prepared.parameters.map((p) => (
                  <ParameterField
                    key={p.name}
                    parameter={p}
                    name={`${PARAM}${p.name}`}
                    error={errors[`parameters.${p.name}`]}
                  />
                ))}
              </fieldset>
            )}
            <fieldset className="grid gap-4 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-medium">Limits</legend>
              <Field
                label="Targets at once"
                htmlFor="run-parallelism"
                error={errors.parallelism}
                description="How many targets run at the same time."
              >
                <Input
                  name="parallelism"
                  type="number"
                  min={1}
                  max={runLimits.parallelism.max}
                  defaultValue={runLimits.parallelism.default}
                />
              </Field>
              <Field
                label="Timeout per target (seconds)"
                htmlFor="run-timeout"
                error={errors.timeoutSeconds}
                description="The script is killed on a target that runs longer."
              >
                <Input name="timeoutSeconds" type="number" min={1} defaultValue={runLimits.timeoutSeconds.default} />
              </Field>
              <Field
                label="Stop after failures"
                htmlFor="run-max-failed"
                error={errors.maxFailedCount}
                description="Once more targets than this fail, the rest are skipped. Empty: never stop."
              >
                <Input name="maxFailedCount" type="number" min={0} placeholder="No limit" />
              </Field>
              <Field
                label="Stop after failed percent"
                htmlFor="run-max-failed-percent"
                error={errors.maxFailedPercent}
                description="The same, as a share of the targets."
              >
                <Input name="maxFailedPercent" type="number" min={0} max={100} placeholder="No limit" />
              </Field>
            </fieldset>
            <DialogFooter>
              <PreflightButton
                check={(f) =>
                  checkScriptRunAction({
                    ...toInput(formValues(f)),
                    tenant,
                    scriptId,
                    targetIds: picked.map((t) => t.id),
                    labels,
                  })
                }
              />
              <Button type="submit" disabled={form.isPending}>
                <PlayIcon aria-hidden /> {form.isPending ? 'Starting…' : 'Start run'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
