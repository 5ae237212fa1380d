import { z } from 'zod'
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi'
import { pageOf } from './pagination'
import { apiRateLimit } from './rate-limit'
import {
  confirmRunBody,
  eventsQuery,
  idParams,
  listQuery,
  outputParams,
  outputQuery,
  runListQuery,
  startScriptRunBody,
  triggerTaskBody,
} from './requests'
import {
  apiErrorBody,
  runDetail,
  runStarted,
  runSummary,
  scriptDetail,
  scriptSummary,
  target,
  taskDetail,
  taskSummary,
} from './resources'

// The OpenAPI document of /api/v1 (served at /api/v1/openapi.json), generated from the
// same zod schemas the handlers validate requests and answers with.

const error = (description: string) => ({ description, content: { 'application/json': { schema: apiErrorBody } } })

const common: ZodOpenApiResponsesObject = {
  '401': error('Missing, unknown, expired or revoked token.'),
  '429': {
    ...error(`More than ${apiRateLimit.points} requests in ${apiRateLimit.seconds} s with this token.`),
    headers: z.object({ 'retry-after': z.string().meta({ description: 'Seconds to wait.' }) }),
  },
}

const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } })

function read(summary: string, schema: z.ZodType, more: Partial<ZodOpenApiOperationObject> = {}) {
  return {
    summary,
    ...more,
    responses: {
      '200': json('OK', schema),
      ...(more.requestParams?.query ? { '400': error('A query parameter is wrong; `field` names it.') } : {}),
      ...(more.requestParams?.path ? { '404': error('Not found (or another tenant’s).') } : {}),
      ...common,
      ...more.responses,
    },
  } satisfies ZodOpenApiOperationObject
}

function start(summary: string, body: z.ZodType, description: string): ZodOpenApiOperationObject {
  return {
    summary,
    description: `${description} Needs a token with the \`run\` scope. Audited as the token's.`,
    requestParams: { path: idParams },
    requestBody: { required: false, content: { 'application/json': { schema: body } } },
    responses: {
      '201': json('Queued.', runStarted),
      '400': error('A wrong body value or parameter; `field` names the first, `issues` lists all.'),
      '403': error('The token has only the `read` scope.'),
      '404': error('Not found (or another tenant’s).'),
      ...common,
    },
  }
}

export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Fanout API',
      version: '1',
      description:
        'Authenticate with a tenant API token (Settings → API tokens): `Authorization: Bearer fo_…`. The token ' +
        'decides the tenant. Lists page with cursors: pass `nextCursor` back as `cursor` until it is null.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Fanout API token.' } } },
    paths: {
      '/tasks': { get: read('List tasks', pageOf(taskSummary), { requestParams: { query: listQuery } }) },
      '/tasks/{id}': { get: read('Get a task', taskDetail, { requestParams: { path: idParams } }) },
      '/tasks/{id}/runs': {
        post: start('Run a task', triggerTaskBody, 'Queues a run of the task as it is now.'),
      },
      '/runs': { get: read('List runs', pageOf(runSummary), { requestParams: { query: runListQuery } }) },
      '/runs/{id}': { get: read('Get a run with its targets', runDetail, { requestParams: { path: idParams } }) },
      '/runs/{id}/confirm': {
        post: {
          summary: 'Continue or abort a run waiting for confirmation',
          description:
            'A run whose status is `waiting` stands at a confirmation (a confirmation step, or before a rollout ' +
            'batch). `continue` queues it to go on; `abort` cancels it and every target it had not reached. The ' +
            'decision, the token and the comment are recorded on the run. Needs a token with the `run` scope. ' +
            'Audited as the token’s.',
          requestParams: { path: idParams },
          requestBody: { required: true, content: { 'application/json': { schema: confirmRunBody } } },
          responses: {
            '200': json('Decided: the run as it stands now (`queued` or `cancelled`).', runDetail),
            '400': error('A wrong body value; `field` names it.'),
            '403': error('The token has only the `read` scope.'),
            '404': error('Not found (or another tenant’s).'),
            '409': error('The run is not waiting for a confirmation (any more).'),
            ...common,
          },
        },
      },
      '/runs/{id}/targets/{targetRunId}/output': {
        get: read('Read a slice of a target-run’s output', z.string(), {
          requestParams: { path: outputParams, query: outputQuery },
          responses: {
            '200': {
              description: 'The slice, UTF-8 text.',
              headers: z.object({
                'x-total-length': z.string().meta({ description: 'Bytes of the stream so far.' }),
                'x-next-offset': z.string().meta({ description: 'The `offset` of the next slice.' }),
                'x-output-complete': z.string().meta({ description: '`true` once the target-run is over.' }),
              }),
              content: { 'text/plain': { schema: z.string() } },
            },
          },
        }),
      },
      '/runs/{id}/events': {
        get: read('Stream a run’s live events (SSE)', z.string(), {
          description:
            'Server-Sent Events as the run page receives them: `run` (state), `targets` (changed target-runs), ' +
            '`output` (id: chunk seq; only with `targetRun`) and `end`, after which the stream closes. Reconnect ' +
            'with `Last-Event-ID` to resume without gaps.',
          requestParams: { path: idParams, query: eventsQuery },
          responses: {
            '200': { description: 'The event stream.', content: { 'text/event-stream': { schema: z.string() } } },
          },
        }),
      },
      '/scripts': { get: read('List scripts', pageOf(scriptSummary), { requestParams: { query: listQuery } }) },
      '/scripts/{id}': { get: read('Get a script', scriptDetail, { requestParams: { path: idParams } }) },
      '/scripts/{id}/runs': {
        post: start('Run a script', startScriptRunBody, 'Queues a one-off run of the script’s latest version.'),
      },
      '/targets': { get: read('List targets', pageOf(target), { requestParams: { query: listQuery } }) },
      '/targets/{id}': { get: read('Get a target', target, { requestParams: { path: idParams } }) },
    },
  })
}
