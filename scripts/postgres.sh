#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: initdb into a temporary directory as the `postgres`
# user, on a free port on 127.0.0.1, trust authentication (loopback only, nothing kept).
#   scripts/postgres.sh start   prints the base URL (postgres://postgres@127.0.0.1:PORT) and
#                               the data directory on two lines
#   scripts/postgres.sh start --tls   the same with TLS on: a CA and a server certificate
#                               for 127.0.0.1 made for it; a third line is the CA's file
#   scripts/postgres.sh stop DIR
set -euo pipefail
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL not installed (Debian package postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    dir="$(mktemp -d /tmp/ppt-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=64MB"
    if [ "${2:-}" = "--tls" ]; then
      tls="$dir/tls"
      mkdir -p "$tls"
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ppt-hub test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
      openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
      printf 'subjectAltName=IP:127.0.0.1\n' >"$tls/san.ext"
      openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
        -CAcreateserial -days 2 -extfile "$tls/san.ext" -out "$tls/server.pem" 2>/dev/null
      chmod 600 "$tls/server.key"
      [ "$(id -u)" -eq 0 ] && chown -R postgres: "$tls"
      opts="$opts -c ssl=on -c ssl_cert_file=$tls/server.pem -c ssl_key_file=$tls/server.key"
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port"
    echo "$dir"
    [ -z "${tls:-}" ] || echo "$tls/ca.pem"
    ;;
  stop)
    dir="${2:?data directory}"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
