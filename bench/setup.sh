#!/usr/bin/env bash
# The Debian packages `npm run bench` needs: OpenSSH's sshd and client (the hosts, the key,
# the ssh that parallel-ssh and ansible run), PostgreSQL (Fanout's second database),
# parallel-ssh (package pssh) and ansible (`ansible -m raw` needs only ansible-core).
set -euo pipefail

missing=()
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh >/dev/null || missing+=(openssh-client)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v parallel-ssh >/dev/null || missing+=(pssh)
command -v ansible >/dev/null || missing+=(ansible-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[bench] installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
