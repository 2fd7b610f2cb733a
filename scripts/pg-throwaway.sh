#!/usr/bin/env bash
# A throwaway PostgreSQL for the register's tests and benchmarks: Debian's `postgresql`
# package, `initdb` in a temporary folder, run as an unprivileged user, listening on
# 127.0.0.1 (and a socket in the folder), with TLS (a self-signed certificate) enabled.
#
#   scripts/pg-throwaway.sh start DIR [PORT]   # prints the admin URL: postgres://vanthu_admin@127.0.0.1:PORT
#   scripts/pg-throwaway.sh kill DIR           # pg_ctl stop -m immediate (a crash)
#   scripts/pg-throwaway.sh restart DIR        # start again after a kill
#   scripts/pg-throwaway.sh stop DIR           # stop and remove the folder
set -euo pipefail

cmd=${1:?usage: pg-throwaway.sh start|kill|restart|stop DIR [PORT]}
dir=${2:?a folder for the server}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null; then bindir=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bindir" ]; then
  echo "pg-throwaway: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 2
fi

# The server refuses to run as root: run it as an unprivileged user.
as_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PGUSER_OS" -- "$@"
  else
    "$@"
  fi
}
PGUSER_OS=nobody
if [ "$(id -u)" = 0 ] && id vanthu-pg >/dev/null 2>&1; then PGUSER_OS=vanthu-pg; fi
if [ "$(id -u)" = 0 ] && [ "$PGUSER_OS" = nobody ]; then
  useradd --system --no-create-home --shell /usr/sbin/nologin vanthu-pg 2>/dev/null && PGUSER_OS=vanthu-pg || true
fi

case "$cmd" in
  start)
    port=${3:-$(( 20000 + RANDOM % 20000 ))}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown "$PGUSER_OS" "$dir"; chmod 700 "$dir"; fi
    as_user "$bindir/initdb" -D "$dir/data" -U vanthu_admin --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A self-signed certificate, so that sslmode=require is tested for real.
    if command -v openssl >/dev/null; then
      as_user openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
      as_user chmod 600 "$dir/data/server.key"
      ssl=on
    else
      ssl=off
    fi
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
ssl = $ssl
max_connections = 200
# After a crash, one syncfs instead of an fsync per file (the tests create many databases).
recovery_init_sync_method = syncfs
fsync = on
synchronous_commit = on
EOF
    echo "$port" >"$dir/port"
    as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://vanthu_admin@127.0.0.1:$port"
    ;;
  kill)
    as_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  restart)
    as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 300 start >/dev/null
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "pg-throwaway: unknown command $cmd" >&2
    exit 2
    ;;
esac
