#!/usr/bin/env bash
# The README's curl examples, run as they are by DocumentedExamplesTest against an in-process server.
# Needs curl and jq. TARJAMA is the server's base URL.
set -euo pipefail
export TARJAMA="${TARJAMA:-http://127.0.0.1:8080}"

# One article (a UTF-8 text file) as JSON; jq escapes quotes and line breaks.
jq -Rs '{text: .}' article.txt \
  | curl -sS --fail-with-body -H 'Content-Type: application/json' --data-binary @- \
      "$TARJAMA/v1/translate" > article.json

# The same article as the raw body, options in the query string.
curl -sS --fail-with-body -H 'Content-Type: text/plain; charset=utf-8' --data-binary @article.txt \
  "$TARJAMA/v1/translate?beams=4&maxLength=256" > article-plain.json

# A folder of articles, one JSON per input (articles/x.txt -> articles/x.json).
for f in articles/*.txt; do
  curl -sS --fail-with-body -H 'Content-Type: text/plain; charset=utf-8' --data-binary "@$f" \
    "$TARJAMA/v1/translate" > "${f%.txt}.json" || echo "failed: $f" >&2
done

# The same with xargs, 4 requests at a time.
find articles -name '*.txt' -print0 \
  | xargs -0 -P 4 -I{} sh -c 'curl -sS --fail-with-body -H "Content-Type: text/plain; charset=utf-8" \
      --data-binary "@$1" "$TARJAMA/v1/translate" > "${1%.txt}.json"' _ {}

# Several articles in one request: {"results": [...]} in the same order.
jq -n --rawfile a articles/a.txt --rawfile b articles/b.txt '{texts: [$a, $b]}' \
  | curl -sS --fail-with-body -H 'Content-Type: application/json' --data-binary @- \
      "$TARJAMA/v1/translate" > batch.json

# LibreTranslate-compatible endpoint, JSON and form bodies.
curl -sS --fail-with-body -H 'Content-Type: application/json' \
  -d '{"q": "مرحبا بكم في موسكو.", "source": "auto", "target": "en", "format": "text"}' \
  "$TARJAMA/translate" > lt.json
curl -sS --fail-with-body --data-urlencode 'q=مرحبا بكم في موسكو.' -d source=ar -d target=en \
  "$TARJAMA/translate" > lt-form.json

# Health and model.
curl -sS --fail-with-body "$TARJAMA/v1/health/ready" > ready.json
curl -sS --fail-with-body "$TARJAMA/v1/model" > model.json
