#!/usr/bin/env bash
# A partner's tool in a few lines of curl: it finds the operations in the OpenAPI document (by operationId), lists the
# engagements its token may see, reads the first one and sets its first checklist task to In Progress with a note.
# Usage: FASTTRACK_URL=https://fasttrack.example.com FASTTRACK_TOKEN=ftk_… eng/api-example.sh
# Needs curl and jq. Exits non-zero when a call fails.
set -euo pipefail
base="${FASTTRACK_URL:?set FASTTRACK_URL, e.g. https://localhost:5001}"
token="${FASTTRACK_TOKEN:?set FASTTRACK_TOKEN to an API token (Admin > API tokens)}"
doc=$(curl -fsS "$base/openapi/v1.json")
path_of() { jq -r --arg op "$1" '.paths | to_entries[] | select([.value[] | objects | .operationId?] | index($op)) | .key' <<<"$doc"; }
list=$(path_of ListEngagements); get=$(path_of GetEngagement); status=$(path_of SetTaskStatus)
[ -n "$list" ] && [ -n "$get" ] && [ -n "$status" ] || { echo "the document lacks an operation this script uses" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token")

page=$(curl -fsS "${auth[@]}" "$base$list?page=1")
id=$(jq -r '.items[0].id' <<<"$page")
[ "$id" != null ] || { echo "the token sees no engagement" >&2; exit 1; }
echo "engagements: $(jq -r '.total' <<<"$page"); first: $id $(jq -r '.items[0].customer' <<<"$page")"

engagement=$(curl -fsS "${auth[@]}" "$base${get/\{id\}/$id}")
task=$(jq -r '.checklist[0].id' <<<"$engagement")
version=$(jq -r '.checklist[0].version' <<<"$engagement")
url="$base${status/\{id\}/$id}"
url="${url/\{taskId\}/$task}"
body=$(jq -nc --argjson v "$version" '{status: "InProgress", version: $v, note: "from eng/api-example.sh"}')
code=$(curl -sS -o /tmp/api-example.$$ -w '%{http_code}' -X PUT "${auth[@]}" -H 'Content-Type: application/json' -d "$body" "$url")
echo "task $task set to InProgress: HTTP $code"
[ "$code" = 204 ] || { cat /tmp/api-example.$$ >&2; rm -f /tmp/api-example.$$; exit 1; }
rm -f /tmp/api-example.$$
