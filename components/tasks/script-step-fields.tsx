'use client'
import { ParameterField } from '@/components/runs/parameter-field'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { RunAsSelect } from './run-as-select'
import { ScriptSelect } from './script-select'
import type { ScriptStepState } from './task-form-state'
import { parameterInputName, type TaskFormState } from './use-task-form'

type Errors = Record<string, string[] | undefined>

/** A script step: which script, which version (pinned, or the latest at each run), as whom, its parameter values. */
export function ScriptStepFields({
  form,
  step,
  index,
  errors,
}: {
  form: TaskFormState
  step: ScriptStepState
  index: number
  errors: Errors
}) {
  const id = (field: string) => `step-${step.key}-${field}`
  const error = (field: string) => errors[`steps.${index}.${field}`]
  const { script } = step
  const versions = script ? Array.from({ length: script.latestVersion }, (_, i) => script.latestVersion - i) : []

  return (
    <div className="grid gap-4">
      <div className="grid items-start gap-4 md:grid-cols-[minmax(0,1fr)_10rem]">
        <ScriptSelect
          tenant={form.tenant}
          id={id('script')}
          value={script}
          onChange={(next) => form.chooseScript(step.key, next)}
          // The schema's message for a missing id is generic; say what to do.
          error={script ? error('scriptId') : error('scriptId') && 'Choose a script.'}
        />
        <Field label="Version" htmlFor={id('version')} error={error('version')}>
          <NativeSelect
            value={step.version ?? ''}
            disabled={!script}
            onChange={(e) =>
              script && form.chooseVersion(step.key, script, e.target.value ? Number(e.target.value) : null)
            }
          >
            <option value="">{script ? `Latest (v${script.latestVersion})` : 'Latest'}</option>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <RunAsSelect
        tenant={form.tenant}
        id={id('run-as')}
        value={step.runAs}
        onChange={(runAs) => form.patchStep(step.key, (s) => ({ ...s, runAs }) as ScriptStepState)}
        error={error('runAs')}
      />
      {script && (
        <fieldset className="grid gap-4" aria-busy={step.parameters === null}>
          <legend className="mb-2 text-sm font-medium">Parameters</legend>
          {step.loadError && (
            <p role="alert" className="text-sm text-destructive">
              {step.loadError}
            </p>
          )}
          {step.parameters === null ? (
            <p className="text-sm text-muted-foreground">Loading the parameters…</p>
          ) : step.parameters.length === 0 ? (
            !step.loadError && <p className="text-sm text-muted-foreground">This version declares no parameters.</p>
          ) : (
            <div className="grid items-start gap-4 sm:grid-cols-2">
              {step.parameters.map((p) => (
                <ParameterField
                  // A different script or version starts its inputs afresh.
                  key={`${script.id}:${step.version}:${p.name}`}
                  parameter={p}
                  id={`step-${step.key}-param-${p.name}`}
                  name={parameterInputName(step.key, p.name)}
                  error={errors[`steps.${index}.parameters.${p.name}`]}
                />
              ))}
            </div>
          )}
        </fieldset>
      )}
    </div>
  )
}
