#!/usr/bin/env python3
"""Generate synthetic nytta project files (format 1) or a submissions CSV for benchmarks.

  gen_projects.py DIR N [--seed S]          N project files DIR/p000001.toml ...
  gen_projects.py --csv FILE N [--seed S]   a submissions CSV with N rows (docs/controller-guide-en.md)

The projects are realistic in size and shape (2-3 KB, 4-14 lines, all value forms,
stakeholder shares, realisation plans, scenarios); the same seed gives the same files.
"""
import os
import random
import sys

ORGS = ["Trafikkontoret", "Stadsbyggnadskontoret", "Utbildningsförvaltningen", "Socialförvaltningen",
        "Äldreförvaltningen", "Miljöförvaltningen", "Kulturförvaltningen", "Serviceförvaltningen"]
PORTFOLIOS = ["Stadsmiljö", "Utbildning", "Omsorg", "Administration"]


def project(rng, i):
    sy = rng.randint(2018, 2030)
    years = rng.randint(3, 8)
    gl_y = sy + rng.randint(0, min(2, years - 1))
    gl_m = rng.randint(1, 12)
    org = rng.choice(ORGS)
    out = [
        "format = 1", "",
        "[project]",
        f'name = "Projekt {i}: e-tjänst för {rng.choice(["ansökan", "anmälan", "bokning", "felanmälan", "tillstånd"])}"',
        f'id = "P-{i:06d}"',
        f'organisation = "{org}"',
        f'portfolio = "{rng.choice(PORTFOLIOS)}"',
        f"start_year = {sy}",
        f"years = {years}",
        f'go_live = "{gl_y}-{gl_m:02d}"',
        "",
        "[assumptions]",
        f'discount_rate = "{rng.choice(["3", "3,5", "4"])} %"',
        f"hourly_cost = {rng.choice([420, 450, 480, 520])}",
        f'overhead = "{rng.choice(["38,46", "40,15", "44,53"])} %"',
        "",
    ]
    n_st = rng.randint(1, 3)
    sids = [f"s{k}" for k in range(n_st)]
    for k, sid in enumerate(sids):
        out += ["[[stakeholders]]", f'id = "{sid}"', f'name = "{rng.choice(ORGS)} {k}"', ""]

    def stake():
        if n_st == 1 or rng.random() < 0.5:
            return f'stakeholder = "{rng.choice(sids)}"'
        a = rng.randint(1, 9)
        return f'stakeholder = {{ {sids[0]} = 0.{a}, {sids[1]} = 0.{10 - a} }}' if a != 10 else ""

    lid = 0
    for _ in range(rng.randint(2, 6)):
        lid += 1
        cat = rng.choice(["investment", "investment", "operations", "other"])
        out += ["[[costs]]", f'id = "c{lid}"', f'name = "Kostnad {lid}"', f'category = "{cat}"', stake()]
        form = rng.random()
        if cat == "operations" or form < 0.3:
            out += [f"annual = {rng.randint(20, 400) * 1000}", f'growth = "{rng.choice(["0", "2", "3"])} %"']
        elif form < 0.6:
            out += [f"hours = {{ {sy} = {rng.randint(50, 900)} }}"]
        else:
            ys = sorted(set(rng.randint(sy, sy + years - 1) for _ in range(rng.randint(1, 3))))
            out += ["amounts = { " + ", ".join(f"{y} = {rng.randint(50, 3000) * 1000}" for y in ys) + " }"]
        out.append("")
    for _ in range(rng.randint(2, 6)):
        lid += 1
        cls = rng.choice(["financial", "reallocation", "reallocation", "qualitative"])
        out += ["[[benefits]]", f'id = "b{lid}"', f'name = "Nytta {lid}"', f'class = "{cls}"']
        if cls == "qualitative":
            out += ['indicator = "Nöjd-kund-index"', 'baseline = "60"', 'target = "75"', ""]
            continue
        out += [stake(), f'confidence = "{rng.choice(["high", "medium", "low"])}"']
        form = rng.random()
        if form < 0.5:
            ad = ", ".join(f"{gl_y + k} = 0.{rng.randint(1, 9)}" for k in range(3))
            if cls == "reallocation":
                out += [f"volume = {rng.randint(500, 50000)}", f"minutes_saved = {rng.randint(2, 40)}"]
            else:
                out += [f"volume = {rng.randint(500, 50000)}", f'unit_saving = "{rng.randint(5, 60)},50"']
            out += [f"adoption = {{ {ad} }}"]
        elif form < 0.8:
            out += [f"annual = {rng.randint(20, 900) * 1000}"]
        else:
            out += [f"annual_hours = {rng.randint(100, 4000)}"]
        if rng.random() < 0.6:
            out += ["[benefits.realisation]", 'owner = "Förvaltningschef"',
                    f'method = "{rng.choice(["budget_reduction", "redeployment", "cost_avoidance"])}"',
                    f'share = "{rng.randint(2, 10) * 10} %"', f"lag_months = {rng.choice([0, 3, 6, 12])}"]
        out.append("")
    if rng.random() < 0.5:
        out += ["[scenarios.pessimistic]", "cost_factor = 1.25", "benefit_factor = 0.7", "delay_months = 6", ""]
    return "\n".join(x for x in out if x is not None) + "\n"


def submissions(rng, n, path):
    head = ("id;name;organisation;portfolio;start_year;years;go_live;discount_rate;investment;"
            "investment_years;operations_annual;financial_annual;reallocation_annual;harvest_share;"
            "harvest_lag_months;claimed_npv;claimed_payback_year")
    lines = [head]
    for i in range(1, n + 1):
        sy = rng.randint(2018, 2030)
        lines.append(";".join([
            f"S-{i:06d}", f"Inlämning {i}", rng.choice(ORGS), rng.choice(PORTFOLIOS), str(sy),
            str(rng.randint(3, 8)), f"{sy + rng.randint(0, 1)}-{rng.randint(1, 12):02d}", "3,5 %",
            f"{rng.randint(100, 5000) * 1000}", str(rng.randint(1, 2)), f"{rng.randint(10, 500) * 1000}",
            f"{rng.randint(0, 400) * 1000}", f"{rng.randint(0, 900) * 1000}", f"{rng.randint(0, 10) * 10} %",
            str(rng.choice([0, 6, 12])), "", ""]))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def main():
    args = sys.argv[1:]
    seed = 42
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    rng = random.Random(seed)
    if args and args[0] == "--csv":
        submissions(rng, int(args[2]), args[1])
        return
    d, n = args[0], int(args[1])
    os.makedirs(d, exist_ok=True)
    for i in range(1, n + 1):
        with open(os.path.join(d, f"p{i:06d}.toml"), "w", encoding="utf-8") as f:
            f.write(project(rng, i))


if __name__ == "__main__":
    main()
