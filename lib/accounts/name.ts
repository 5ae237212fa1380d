// No imports: the engine, the forms and the actions share this rule.

/**
 * An execution account's name: a Unix user name as useradd accepts it by default. It never
 * starts with a dash, so on a command line (sudo -u NAME) it cannot read as an option.
 */
export const accountNamePattern = /^[a-z_][a-z0-9_-]{0,31}$/

export const accountNameMessage =
  'Use a Unix user name: lowercase letters, digits, _ and -, starting with a letter or _, at most 32 characters.'
