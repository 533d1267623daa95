#!/usr/bin/env bash
# Adds one schema migration for every engine, written by `dotnet ef migrations add` (the tool pinned in
# .config/dotnet-tools.json): Data/Migrations/{Sqlite,Postgres,SqlServer}/ each get the migration and their model
# snapshot. Change the model (Domain/ and Data/Configurations/) first, then run this once; review the three files.
# Usage: eng/add-migration.sh <PascalCaseName>      e.g. eng/add-migration.sh AddUserSessions
#        eng/add-migration.sh --remove              removes the latest migration of every engine (not yet applied)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: eng/add-migration.sh <PascalCaseName> | --remove" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet build src/FastTrack.Web -c Debug --nologo -clp:ErrorsOnly
for engine in Sqlite Postgres SqlServer; do
  common=(--project src/FastTrack.Core --startup-project src/FastTrack.Web --configuration Debug --no-build
          --context "${engine}FastTrackDbContext")
  if [ "$1" = --remove ]; then
    dotnet ef migrations remove "${common[@]}" --force
  else
    dotnet ef migrations add "$1" "${common[@]}" \
      --output-dir "Data/Migrations/$engine"
  fi
done
echo "== done: build and run the tests (MigrationsTests fail while the model and the snapshots differ)"
