"""What Lumen's pipeline costs, added to the book's cost model as one more fixed monthly cost.

Inputs are ASSUMPTIONS to replace with your own: runner price per minute, minutes per run (from your
workflow's run history) and runs per day. The last two inputs come from chapter 53's cost model
(`python3 lumen/cost.py --input-tokens ...` in its manifests example): the requests per month it
assumes and the monthly bill it arrives at. The pipeline is then a fixed cost, like the control plane.

    python3 pipeline_cost.py
    python3 pipeline_cost.py --release-minutes 6   # arm64 on a native runner instead of QEMU

Standard library only.
"""

from __future__ import annotations

import argparse


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # #region inputs
    p.add_argument("--usd-per-minute", type=float, default=0.006, help="hosted Linux runner, 2 vCPU (check your plan)")
    p.add_argument("--pr-runs-per-day", type=float, default=20, help="pull-request runs (pushes to open PRs)")
    p.add_argument("--pr-minutes", type=float, default=6, help="test + build-check jobs, minutes per PR run")
    p.add_argument("--releases-per-day", type=float, default=4, help="merges to main")
    p.add_argument("--release-minutes", type=float, default=18, help="test + release jobs; arm64 under QEMU dominates")
    p.add_argument("--working-days", type=float, default=22, help="days per month with merges")
    p.add_argument("--requests-per-month", type=float, default=50_000_000, help="chapter 53's cost model")
    p.add_argument("--monthly-bill-usd", type=float, default=23_707.11, help="chapter 53's total a month")
    # #endregion inputs
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    a = parse_args(argv)
    # #region arithmetic
    pr = a.pr_runs_per_day * a.pr_minutes * a.working_days
    rel = a.releases_per_day * a.release_minutes * a.working_days
    print(f"1. PR minutes/month      = {a.pr_runs_per_day:g} runs x {a.pr_minutes:g} min x {a.working_days:g} days = {pr:,.0f}")
    print(f"2. Release minutes/month = {a.releases_per_day:g} runs x {a.release_minutes:g} min x {a.working_days:g} days = {rel:,.0f}")
    monthly = (pr + rel) * a.usd_per_minute
    print(f"3. Pipeline per month    = ({pr:,.0f} + {rel:,.0f}) min x ${a.usd_per_minute:g} = ${monthly:,.2f}")
    per_request = monthly / a.requests_per_month
    print(f"4. Pipeline per request  = ${monthly:,.2f} / {a.requests_per_month:,.0f} = ${per_request:.8f}")
    total = a.monthly_bill_usd + monthly
    print(f"5. Bill with pipeline    = ${a.monthly_bill_usd:,.2f} + ${monthly:,.2f} = ${total:,.2f}"
          f" (the pipeline is {monthly / total:.2%} of it)")
    print(f"   Release share         = {rel / (pr + rel):.0%} of the minutes")
    # #endregion arithmetic


if __name__ == "__main__":
    main()
