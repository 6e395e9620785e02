#!/usr/bin/env python3
"""Catalogue search over 2,000 procedures.

    python benchmarks/bench_catalog_search.py [--procedures 2000] [--repeat 30]

2,000 procedures (names built from the real Home Affairs catalogue's names and common
words of Vietnamese procedure titles, 40 agencies, 120 fields, 1-7 components each) are
saved into a profile's ``CatalogCache`` through ``save_procedures``, as a catalogue
refresh would. Then each query below runs ``repeat`` times through
``CatalogCache.search`` (the call the catalogue page makes on every keystroke), on a
warm connection, timing the whole call (SQL and the summaries built from it): typed with
and without diacritics, by code, by agency or field name, one letter, nothing (the
whole list, as the page opens), with agency/field filters, a word that matches nothing.

Prints median, 95th percentile and maximum per query. Target: < 20 ms a query.
This is not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.core.catalog import CatalogCache  # noqa: E402
from desktop_app.core.store import Store  # noqa: E402
from sandbox_portal.config import DEFAULT_CATALOGUE  # noqa: E402

TARGET_MS = 20.0
WORDS = (  # noqa: SIM905 (a sentence reads better than 120 quoted words)
    "cấp giấy phép đăng ký thành lập giải thể sáp nhập chia tách công nhận điều chỉnh "
    "bổ sung thay đổi gia hạn thu hồi cấp lại xác nhận thẩm định phê duyệt thi tuyển "
    "xét tuyển nâng ngạch thăng hạng công chức viên chức hội quỹ tôn giáo tín ngưỡng "
    "thi đua khen thưởng văn thư lưu trữ thanh niên địa giới hành chính chính quyền "
    "đơn vị sự nghiệp công lập hoạt động tổ chức cá nhân doanh nghiệp hộ kinh doanh "
    "đất đai xây dựng môi trường giáo dục y tế lao động việc làm bảo hiểm xã hội "
    "người có công trẻ em đường bộ đăng kiểm quốc tịch hộ tịch khai sinh khai tử kết "
    "hôn"
).split()
LEVELS = ("cấp tỉnh", "cấp huyện", "cấp xã", "cấp trung ương")


def generate(count: int, seed: int = 2026) -> tuple[list[dict], list[dict], list[dict]]:
    rng = random.Random(seed)
    real = json.loads(Path(DEFAULT_CATALOGUE).read_text(encoding="utf-8"))
    real_names = [p["name"] for p in real["procedures"]]
    agencies = [
        {
            "code": f"000.{n:02d}.20.H{30 + n % 60:02d}",
            "name": f"Sở {' '.join(rng.sample(WORDS, 3)).title()}",
        }
        for n in range(40)
    ]
    agencies[0]["name"] = "Sở Nội vụ tỉnh Kon Tum"
    fields = [
        {
            "code": f"LV{n:03d}",
            "name": " ".join(rng.sample(WORDS, 2)).capitalize(),
            "agency_code": agencies[n % len(agencies)]["code"],
        }
        for n in range(120)
    ]
    procedures = []
    for n in range(count):
        base = real_names[n % len(real_names)] if n % 3 == 0 else " ".join(rng.sample(WORDS, 6))
        field = fields[rng.randrange(len(fields))]
        name = f"{base} {rng.choice(LEVELS)} ({n})".capitalize()
        components = [
            {
                "code": f"TP{c + 1}",
                "name": " ".join(rng.sample(WORDS, 5)).capitalize(),
                "required": c < 2,
                "signature_required": c == 0,
                "max_files": 1,
                "max_bytes": 20 * 1024 * 1024,
                "accepts": ["application/pdf"],
                "template_url": None,
            }
            for c in range(rng.randint(1, 7))
        ]
        procedures.append(
            {
                "code": f"{1 + n % 3}.{10000 + n:06d}",
                "name": name,
                "agency_code": field["agency_code"],
                "field_code": field["code"],
                "level": rng.choice((2, 3, 4)),
                "processing_days": rng.randint(1, 60),
                "description": " ".join(rng.sample(WORDS, 20)),
                "legal_basis": [],
                "components": components,
                "fees": [],
                "delivery": {"home_pickup": False, "home_return": bool(n % 2)},
                "version": 1,
                "updated_at": "2026-11-24T09:30:00+07:00",
                "retired": n % 97 == 0,
            }
        )
    return agencies, fields, procedures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    agencies, fields, procedures = generate(args.procedures)
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as tmp:
        store = Store.open(Path(tmp) / "profile")
        cache = CatalogCache(store)
        began = time.perf_counter()
        cache.save_agencies(agencies)
        cache.save_fields(fields)
        cache.save_procedures(procedures, etag='"bench"', server_time="2026-11-24T09:30:00+07:00")
        print(f"saved {cache.count()} procedures in {time.perf_counter() - began:.2f} s")
        agency, field = agencies[0]["code"], fields[7]["code"]
        queries = [
            ("thi tuyen", {}),
            ("Thi tuyển công chức", {}),
            ("dang ky thanh lap", {}),
            ("ĐĂNG KÝ", {}),
            ("cap xa", {}),
            ("1.0101", {}),
            ("noi vu kon tum", {}),
            ("t", {}),
            ("", {}),
            ("", {"agency_code": agency}),
            ("cong", {"field_code": field}),
            ("lưu trữ", {"include_retired": True}),
            ("xyzzy", {}),
            ("giay phep", {"limit": 50}),
        ]
        worst = 0.0
        for query, options in queries:
            cache.search(query, **options)  # warm the statement cache
            times = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                hits = cache.search(query, **options)
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            worst = max(worst, times[-1])
            label = repr(query) + (f" {options}" if options else "")
            print(
                f"{label:<48} {len(hits):5d} hits  median {statistics.median(times):6.2f} ms"
                f"  p95 {p95:6.2f} ms  max {times[-1]:6.2f} ms"
            )
        store.close()
    print(
        f"catalogue search over {args.procedures} procedures: slowest query {worst:.2f} ms "
        f"(target < {TARGET_MS:.0f} ms a query) {'OK' if worst < TARGET_MS else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
