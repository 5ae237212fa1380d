import { readdirSync } from 'node:fs'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { GET } from '@/app/api/v1/openapi.json/route'

const v1 = path.resolve(__dirname, '../../app/api/v1')

/** Every route file under app/api/v1 as the URL path it serves, `[id]` written `{id}`. */
function routeFiles(dir = v1): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(full)
    if (entry.name !== 'route.ts') return []
    return [`/${path.relative(v1, dir).replace(/\[(\w+)\]/g, '{$1}')}`]
  })
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI, with bearer security', async () => {
    const document = await (await GET()).json()
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy()
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(document.security).toEqual([{ bearer: [] }])
  })

  it('lists every route under app/api/v1 with its methods', async () => {
    const document = await (await GET()).json()
    const routes = routeFiles().filter((r) => r !== '/openapi.json')
    expect(Object.keys(document.paths).sort()).toEqual(routes.sort())
    for (const route of routes) {
      const file = await import(`${v1}${route.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`)
      const exported = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m in file).map((m) => m.toLowerCase())
      expect(Object.keys(document.paths[route]).sort(), route).toEqual(exported.sort())
    }
  })
})
