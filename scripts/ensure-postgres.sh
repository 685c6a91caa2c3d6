#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth and
# a database "test", as the store's conformance suite expects. It starts an
# installed cluster, or installs PostgreSQL from Debian's packages first.
set -euo pipefail

host=127.0.0.1 port=5432
ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ! command -v pg_isready >/dev/null || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "ensure-postgres: installing PostgreSQL" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n1)
if ! ready; then
  echo "ensure-postgres: starting cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "ensure-postgres: PostgreSQL does not answer on $host:$port" >&2; exit 1; }

# Tests connect over TCP as postgres without a password: trust local TCP.
if ! psql -h "$host" -p "$port" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  echo "ensure-postgres: allowing trust auth for 127.0.0.1 in $hba" >&2
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  sleep 1
fi
if [ "$(psql -h "$host" -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname='test'")" != 1 ]; then
  psql -h "$host" -p "$port" -U postgres -d postgres -qc 'create database test'
fi
echo "ensure-postgres: ready on $host:$port" >&2
