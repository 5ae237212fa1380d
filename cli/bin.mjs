#!/usr/bin/env node
// `npx fanout …` / `node cli/bin.mjs …` from a checkout: runs the TypeScript client through tsx.
import { tsImport } from 'tsx/esm/api'

await tsImport('./main.ts', import.meta.url)
