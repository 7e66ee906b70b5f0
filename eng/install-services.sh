#!/usr/bin/env bash
# Installs the services the tests run for real when they are missing: redis-server (ChainPay.Redis) and SoftHSM2
# (ChainPay.Pkcs11), from Debian's packages. The tests start and stop them on 127.0.0.1 themselves.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
if [ ${#missing[@]} -eq 0 ]; then
  echo "services: redis-server $(redis-server --version | grep -Eo 'v=[0-9.]+'), softhsm2 $(softhsm2-util --version)"
  exit 0
fi
echo "services: installing ${missing[*]} from Debian's packages"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's package starts a system redis on 6379 where an init system runs; the tests use their own instances.
if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then
  $sudo systemctl stop redis-server || true
fi
echo "services: redis-server $(redis-server --version | grep -Eo 'v=[0-9.]+'), softhsm2 $(softhsm2-util --version)"
