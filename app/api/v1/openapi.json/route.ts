import { openApiDocument } from '@/lib/api/v1/openapi'

// Public, like any API's description: it holds no tenant's data.
export const dynamic = 'force-static'

export function GET() {
  return Response.json(openApiDocument())
}
