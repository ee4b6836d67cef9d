#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the bench: its own folder, a free port on
# 127.0.0.1 only, password authentication (scram-sha-256) with a random password, run as a
# non-root user (PostgreSQL refuses root; as root it runs as the `postgres` user Debian's
# package creates).
#   scripts/pg.sh start DIR   # prints the cluster's URL: postgres://wegwijs:…@127.0.0.1:PORT/postgres
#   scripts/pg.sh stop DIR    # stops it and removes DIR
# Installs Debian's `postgresql` first when no PostgreSQL is there.
set -euo pipefail
cmd="${1:-}" dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: scripts/pg.sh start|stop DIR" >&2; exit 2; }

bin_dir() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$found" ]; then
    echo "pg.sh: installing Debian's postgresql" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    found="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    bin="$(bin_dir)"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      runuser -u postgres -- test -w "$dir" \
        || { echo "pg.sh: the postgres user cannot reach $dir; give its parent folders o+x" >&2; exit 1; }
    fi
    password="$(head -c 24 /dev/urandom | base64 | tr -d '+/=')"
    printf '%s\n' "$password" > "$dir/password"
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir/password"
    as_owner "$bin/initdb" -D "$dir/data" -U wegwijs --auth=scram-sha-256 --pwfile="$dir/password" \
      -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/password"
    for _ in $(seq 1 50); do
      port=$((20000 + RANDOM % 30000))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://wegwijs:$password@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: scripts/pg.sh start|stop DIR" >&2; exit 2 ;;
esac
