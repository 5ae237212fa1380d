// Authentication: exactly the configured credential, nothing from the environment (no agent,
// no default keys). A password is also offered through keyboard-interactive, the only
// password method many servers (PAM) enable.
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, ParsedKey, Prompt } from 'ssh2'
import { loadPrivateKey } from './keys'
import type { SshEndpoint } from './types'

export function authPlan(endpoint: SshEndpoint) {
  const { username, credential } = endpoint
  const plan: AnyAuthMethod[] =
    credential.type === 'key'
      ? [{ type: 'publickey', username, key: loadPrivateKey(credential.privateKey, credential.passphrase) }]
      : [
          { type: 'password', username, password: credential.password },
          { type: 'keyboard-interactive', username, prompt: answerWith(credential.password) },
        ]
  const tried: AuthenticationType[] = []
  let offered: AuthenticationType[] | null = null

  // methodsLeft is null on the first call, and next(false) means "give up" (the types omit both).
  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    if (methodsLeft) offered = methodsLeft
    const method = plan.find((m) => !tried.includes(m.type) && (!methodsLeft || methodsLeft.includes(m.type)))
    if (!method) return (next as unknown as (m: false) => void)(false)
    tried.push(method.type)
    next(method)
  }
  const explain = () => {
    const accepts = offered ? `; the server accepts ${offered.join(', ')}` : ''
    const what = credential.type === 'key' ? `${(plan[0] as { key: ParsedKey }).key.type} key` : 'password'
    return `authentication failed for user ${username} with the configured ${what}${accepts}`
  }
  return { handler, explain }
}

function answerWith(password: string) {
  let rounds = 0
  return (_name: string, _instructions: string, _lang: string, prompts: Prompt[], finish: (a: string[]) => void) => {
    // A server that keeps asking (a second factor, a retry) gets empty answers and fails.
    rounds++
    finish(prompts.map((p) => (rounds <= 2 && (!p.echo || /password/i.test(p.prompt)) ? password : '')))
  }
}
