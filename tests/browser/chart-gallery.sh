#!/bin/sh
# chart-gallery.sh — render every chart kind into one HTML page (light and
# dark), screenshot it with headless Chromium and keep the PNGs as artifacts.
# Usage: tests/browser/chart-gallery.sh [ARTIFACT_DIR]   (default /tmp/chart-gallery)
set -eu
cd "$(dirname "$0")/../.."
out=${1:-/tmp/chart-gallery}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A throwaway main: the real src/main.c dispatches `datamind chart ...` the same way.
printf '#include "chart/chart.h"\nint main(int argc, char **argv) { return chart_cli(argc - 2, argv + 2); }\n' >"$tmp/main.c"
gcc -std=c17 -O2 -Isrc "$tmp/main.c" src/core/buf.c src/core/civil.c src/core/mem.c src/chart/*.c \
    -ljansson -lm -o "$tmp/datamind"

# name|options|result JSON
cat >"$tmp/cases" <<'CASES'
bar|--type bar --x region --y revenue --title 'Revenue by region'|{"columns":[{"name":"region","type":"text"},{"name":"revenue","type":"number"}],"rows":[["EMEA",4812345.5],["North America",6120000],["APAC",2950000],["LATAM",1180000],["Africa & <Middle> East",-250000]]}
bar-stacked|--type bar --x quarter --y revenue --series product --stacked --title 'Revenue by quarter and product'|{"columns":[{"name":"quarter","type":"text"},{"name":"product","type":"text"},{"name":"revenue","type":"integer"}],"rows":[["Q1","Widget",120000],["Q1","Gadget",80000],["Q1","Gizmo",30000],["Q2","Widget",140000],["Q2","Gadget",95000],["Q2","Gizmo",41000],["Q3","Widget",150000],["Q3","Gadget",70000],["Q3","Gizmo",52000],["Q4","Widget",181000],["Q4","Gadget",99000],["Q4","Gizmo",64000]]}
bar-grouped|--type bar --x month --y revenue,cost --title 'Revenue and cost'|{"columns":[{"name":"month","type":"date"},{"name":"revenue","type":"number"},{"name":"cost","type":"number"}],"rows":[["2024-01-01",420,310],["2024-02-01",380,300],["2024-03-01",510,330],["2024-04-01",560,360],["2024-05-01",610,380],["2024-06-01",590,400]]}
hbar|--type hbar --x product --y units --title 'Top products by units sold'|{"columns":[{"name":"product","type":"text"},{"name":"units","type":"integer"}],"rows":[["Ergonomic Standing Desk (Walnut, 160cm)",18450],["Wireless Mechanical Keyboard 🎹",15230],["4K Monitor 27\"",12010],["USB-C Docking Station",9800],["Noise-cancelling Headphones",8730],["Webcam HD",5120],["Mouse pad XL",2400]]}
line|--type line --x month --y revenue --title 'Monthly revenue'|{"columns":[{"name":"month","type":"date"},{"name":"revenue","type":"number"}],"rows":[["2024-01-01",1200000],["2024-02-01",1350000],["2024-03-01",1280000],["2024-04-01",1510000],["2024-05-01",1620000],["2024-06-01",1580000],["2024-07-01",1710000],["2024-08-01",1690000],["2024-09-01",1840000],["2024-10-01",1920000],["2024-11-01",2110000],["2024-12-01",2380000]]}
line-multi|--type line --x day --y signups --series plan --title 'Daily signups by plan'|@MULTI
area|--type area --x month --y revenue --series channel --title 'Revenue by channel'|{"columns":[{"name":"month","type":"date"},{"name":"channel","type":"text"},{"name":"revenue","type":"number"}],"rows":[["2024-01-01","Online",300],["2024-01-01","Retail",500],["2024-01-01","Partner",120],["2024-04-01","Online",380],["2024-04-01","Retail",480],["2024-04-01","Partner",160],["2024-07-01","Online",460],["2024-07-01","Retail",470],["2024-07-01","Partner",210],["2024-10-01","Online",590],["2024-10-01","Retail",450],["2024-10-01","Partner",260]]}
pie|--type pie --x status --y orders --title 'Orders by status'|{"columns":[{"name":"status","type":"text"},{"name":"orders","type":"integer"}],"rows":[["Delivered",8120],["Shipped",2310],["Processing",1250],["Cancelled",480],["Returned",310],["On hold",95],["Lost",22],["Unknown",7],["Disputed",3]]}
scatter|--type scatter --x price --y units --series category --title 'Price vs units'|@SCATTER
kpi|--type kpi --x month --y revenue --title 'Revenue this month'|{"columns":[{"name":"month","type":"date"},{"name":"revenue","type":"number"}],"rows":[["2024-07-01",1710000],["2024-08-01",1690000],["2024-09-01",1840000],["2024-10-01",1920000],["2024-11-01",2110000],["2024-12-01",2380000]]}
kpi-down|--type kpi --y churn_pct --previous 0.031|{"columns":[{"name":"churn_pct","type":"number"}],"rows":[[0.027]]}
table|--type table --title 'Recent orders'|{"columns":[{"name":"id","type":"integer"},{"name":"customer","type":"text"},{"name":"ordered_at","type":"timestamp"},{"name":"total","type":"number"},{"name":"note","type":"text"}],"rows":[[1001,"Acme & Sons","2024-03-05 14:02:11",1250.5,null],[1002,"Globex <GmbH>","2024-03-05 15:10:00","980.00","rush"],[1003,"Initech","2024-03-06 09:00:00",45000,"\"quoted\""]]}
narrow|--type bar --x region --y revenue --width 360 --height 260 --title 'Narrow tile (360)'|{"columns":[{"name":"region","type":"text"},{"name":"revenue","type":"number"}],"rows":[["EMEA",4812345.5],["North America",6120000],["APAC",2950000],["LATAM",1180000]]}
CASES

# Generated data sets: 120 days x 3 plans; 150 scatter points.
awk 'BEGIN { printf "{\"columns\":[{\"name\":\"day\",\"type\":\"date\"},{\"name\":\"plan\",\"type\":\"text\"},{\"name\":\"signups\",\"type\":\"integer\"}],\"rows\":[";
  split("Free Pro Team", p, " "); n = 0;
  for (d = 0; d < 120; d++) for (k = 1; k <= 3; k++) {
    t = mktime("2024 01 01 12 00 00") + d * 86400; day = strftime("%Y-%m-%d", t);
    v = int((40 / k) + 15 * sin(d / 9 + k) + d * k / 10 + (d * 7919 % 13));
    printf "%s[\"%s\",\"%s\",%d]", (n++ ? "," : ""), day, p[k], v } print "]}" }' >"$tmp/MULTI"
awk 'BEGIN { printf "{\"columns\":[{\"name\":\"price\",\"type\":\"number\"},{\"name\":\"units\",\"type\":\"integer\"},{\"name\":\"category\",\"type\":\"text\"}],\"rows\":[";
  split("Hardware Software Services", c, " ");
  for (i = 0; i < 150; i++) { k = i % 3 + 1; p = 5 + (i * 37 % 200) + k * 20;
    u = int(2000 / (1 + p / 40) + (i * 53 % 90) * k);
    printf "%s[%.2f,%d,\"%s\"]", (i ? "," : ""), p, u, c[k] } print "]}" }' >"$tmp/SCATTER"

page="$out/gallery.html"
cp static/chart.css "$out/chart.css"
{
    echo '<!doctype html><html><head><meta charset="utf-8"><title>Chart gallery</title>'
    echo '<link rel="stylesheet" href="chart.css"><link rel="stylesheet" href="gallery.css"></head><body>'
    for theme in light dark; do
        echo "<section class=\"theme-$theme\"><h1>$theme</h1><div class=\"grid\">"
        while IFS='|' read -r name opts data; do
            case $data in @*) input="$tmp/${data#@}" ;; *) printf '%s' "$data" >"$tmp/in.json"; input="$tmp/in.json" ;; esac
            eval "set -- $opts"
            "$tmp/datamind" chart render "$@" <"$input" >"$tmp/$name.svg"
            cp "$tmp/$name.svg" "$out/$name.svg"
            echo "<figure class=\"card\"><figcaption>$name</figcaption>"
            cat "$tmp/$name.svg"
            echo '</figure>'
        done <"$tmp/cases"
        echo '</div></section>'
    done
    echo '</body></html>'
} >"$page"
cat >"$out/gallery.css" <<'CSS'
body { margin: 0; font-family: system-ui, sans-serif; background: #fff; }
section { padding: 16px 24px; }
section.theme-dark { background: #16181d; color: #e6e8eb; }
h1 { font-size: 18px; margin: 0 0 12px; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.card { margin: 0; border: 1px solid rgba(127,127,127,.25); border-radius: 8px; padding: 8px; }
figcaption { font-size: 11px; opacity: .6; }
CSS

shot() {
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size="$2" \
        --screenshot="$out/$1" "file://$page$3" 2>/dev/null
}
shot gallery.png 1400,4200 ""
# The same page at phone width: text must stay readable at 320 px.
sed 's/repeat(3, 1fr)/1fr/' "$out/gallery.css" >"$tmp/g.css" && cp "$tmp/g.css" "$out/gallery-narrow.css"
sed 's/gallery.css/gallery-narrow.css/' "$page" >"$out/gallery-narrow.html"
page="$out/gallery-narrow.html"
shot gallery-320.png 320,3000 ""
ls -l "$out"/*.png
