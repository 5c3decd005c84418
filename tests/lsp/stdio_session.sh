#!/bin/sh
# `caqes lsp` as an editor starts it: framed JSON-RPC on stdin, replies on stdout. initialize, shutdown and exit
# give the capabilities, a null result and exit code 0; exit without shutdown gives exit code 1 (the protocol's
# rule). Usage: stdio_session.sh path/to/caqes
set -u
caqes="$1"
frame() { printf 'Content-Length: %s\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"; }
out=$( { frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"language":"en"}}}'
         frame '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.caqes"},"position":{"line":0,"character":0}}}'
         frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
         frame '{"jsonrpc":"2.0","method":"exit"}'; } | "$caqes" lsp)
status=$?
fail() { echo "FAIL: $1"; echo "$out"; exit 1; }
[ "$status" -eq 0 ] || fail "exit code $status after shutdown and exit, expected 0"
echo "$out" | grep -q '"hoverProvider":true' || fail "no hoverProvider in the reply to initialize"
echo "$out" | grep -q '"id":2,"jsonrpc":"2.0"' || fail "no reply to the hover"
echo "$out" | grep -q 'document not open: file:///nowhere.caqes' || fail "the hover of an unknown document is not an error in English"
echo "$out" | grep -q '"id":3,"jsonrpc":"2.0","result":null' || fail "no null result for shutdown"
frame '{"jsonrpc":"2.0","method":"exit"}' | "$caqes" lsp >/dev/null
status=$?
[ "$status" -eq 1 ] || fail "exit code $status for exit without shutdown, expected 1"
echo "ok"
