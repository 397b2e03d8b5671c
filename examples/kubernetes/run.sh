#!/bin/sh
# One audit on Kubernetes: fix the instant, scan in shards, then merge (docs/kubernetes.md).
# Run it by hand or from a scheduler that has kubectl (a cron job, a CI pipeline).
set -eu
cd "$(dirname "$0")"
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
RUN=$(date -u +%Y%m%dT%H%M%SZ)
# One instant for every shard, and one folder on the volume for this run.
kubectl create configmap gov-audit-run --from-literal=now="$NOW" --from-literal=run="$RUN" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl delete job gov-audit-scan gov-audit-merge --ignore-not-found
kubectl apply -f scan-job.yaml
# A scan of a large list takes hours: the platforms' pace, not the machines', sets it.
kubectl wait --for=condition=complete job/gov-audit-scan --timeout=24h
kubectl apply -f merge-job.yaml
kubectl wait --for=condition=complete job/gov-audit-merge --timeout=1h
echo "reports: runs/$RUN/audit/ on the volume gov-audit-data"
