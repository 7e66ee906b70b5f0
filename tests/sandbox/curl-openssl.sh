#!/usr/bin/env bash
# A non-.NET client of `chainpay sandbox`: signs one APIv3 request with openssl, sends it with curl, and verifies the
# answer's Wechatpay-Signature with the platform public key. The settings are the ones `chainpay sandbox` prints:
#   WECHATPAY_BASE_URI WECHATPAY_MCHID WECHATPAY_SERIAL WECHATPAY_PRIVATE_KEY WECHATPAY_PUBLIC_KEY_ID WECHATPAY_PUBLIC_KEY
# Usage: tests/sandbox/curl-openssl.sh [out_trade_no]   Prints the verified body; exits 0 on a verified 2xx answer.
set -euo pipefail
: "${WECHATPAY_BASE_URI:?}" "${WECHATPAY_MCHID:?}" "${WECHATPAY_SERIAL:?}" "${WECHATPAY_PRIVATE_KEY:?}" "${WECHATPAY_PUBLIC_KEY_ID:?}" "${WECHATPAY_PUBLIC_KEY:?}"
out_trade_no="${1:-1217752501201407033233368018}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The request: GET, the path with its query, no body. 签名串: method \n url \n timestamp \n nonce \n body \n
target="/v3/pay/transactions/out-trade-no/${out_trade_no}?mchid=${WECHATPAY_MCHID}"
timestamp=$(date +%s)
nonce=$(openssl rand -hex 16 | tr 'a-f' 'A-F')
printf 'GET\n%s\n%s\n%s\n\n' "$target" "$timestamp" "$nonce" > "$work/request.txt"
signature=$(openssl dgst -sha256 -sign "$WECHATPAY_PRIVATE_KEY" "$work/request.txt" | openssl base64 -A)
authorization="WECHATPAY2-SHA256-RSA2048 mchid=\"${WECHATPAY_MCHID}\",nonce_str=\"${nonce}\",signature=\"${signature}\",timestamp=\"${timestamp}\",serial_no=\"${WECHATPAY_SERIAL}\""

status=$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' \
  -H "Authorization: $authorization" -H 'Accept: application/json' -H 'User-Agent: curl-openssl.sh' \
  "${WECHATPAY_BASE_URI%/}${target}")
header() { grep -i "^$1:" "$work/headers" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

# The answer: 验签串 timestamp \n nonce \n body \n, signed by the key of Wechatpay-Serial.
[ "$(header Wechatpay-Serial)" = "$WECHATPAY_PUBLIC_KEY_ID" ] || { echo "unexpected Wechatpay-Serial: $(header Wechatpay-Serial)" >&2; exit 1; }
{ printf '%s\n%s\n' "$(header Wechatpay-Timestamp)" "$(header Wechatpay-Nonce)"; cat "$work/body"; printf '\n'; } > "$work/answer.txt"
header Wechatpay-Signature | openssl base64 -d -A > "$work/answer.sig"
openssl dgst -sha256 -verify "$WECHATPAY_PUBLIC_KEY" -signature "$work/answer.sig" "$work/answer.txt" >&2 || { echo "the answer's signature did not verify" >&2; exit 1; }
echo "HTTP $status, signature verified"
cat "$work/body"; echo
case "$status" in 2??) exit 0 ;; *) exit 1 ;; esac
