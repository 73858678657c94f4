"""Latency of `similar` and `common_measures` on an index of generated measures.

    python benchmarks/similar_bench.py [--units 100000] [--queries 200] [--path DIR] [--profile]

Builds (or reuses, with --path) a govsearch index holding only unit documents: measures made
by combining realistic clauses (an action, an object, a goal) with a few problems, in reports
of 3-5 measures. Prints similar() p50/p95 over paraphrase queries from
tests/data/similar_pairs.jsonl and random generated ones, and the time of common_measures().
Targets: p95 < 100 ms, common_measures < 30 s.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from govsearch.indexer.models import Report
from govsearch.indexer.write.documents import unit_documents
from govsearch.search import Index
from govsearch.search.similar import similar

ROOT = Path(__file__).resolve().parent.parent


def bank(phrases: str) -> list[str]:
    """A phrase bank written as one space-separated string."""
    return phrases.split()


PAIRS = ROOT / "tests/data/similar_pairs.jsonl"

ACTIONS = bank("加强 进一步加强 强化 健全 完善 规范 深化 推进 持续推进 认真落实 切实做好 着力提升 积极探索 优化 拓宽 严格执行 建立 狠抓 扎实开展 大力推进")  # fmt: skip
OBJECTS = bank(
    "政府信息公开工作的组织领导 信息公开工作制度 政务公开考核评议机制 信息发布保密审查 "
    "依申请公开办理流程 政策解读和回应关切 重点领域信息公开 政府网站信息公开专栏 "
    "政务新媒体平台建设 信息公开指南和目录 公共查阅点建设 政务公开队伍建设 业务学习培训 "
    "政府信息动态管理 基层政务公开标准化规范化 政民互动渠道 新闻发布制度 个人信息保护 "
    "年度报告编制发布 行政复议和诉讼应诉 公开内容审核把关 信息报送机制 政务公开宣传 "
    "财政预决算公开 重大建设项目信息公开 公共资源配置信息公开 社会救助信息公开 "
    "办事指南公开 权责清单动态调整 政务服务事项网上办理 网站安全管理 档案管理 "
    "监督检查和责任追究 工作台账管理 回头看整改落实 公开事项清单编制"
)
GOALS = bank(
    "确保信息公开工作规范有序 切实提高政府信息公开工作水平 不断增强政府工作透明度 "
    "更好地保障人民群众的知情权 推动政务公开工作再上新台阶 提升政府公信力 "
    "为群众提供更加便捷的服务 促进依法行政 做到应公开尽公开 确保各项工作落到实处 "
    "提高公开信息的准确性和实效性 推动各项任务落实见效 增强公开工作的主动性 "
    "提高工作人员的业务能力 及时回应社会关切 方便公众查询获取信息 防止泄露国家秘密 "
    "打通服务群众最后一公里 让企业和群众少跑腿 形成以公开为常态的良好氛围"
)
DETAILS = bank(
    "明确专人负责 定期开展自查 每季度通报一次 纳入年度绩效考核 邀请专家授课 "
    "建立工作台账 逐项核查落实 及时更新栏目内容 统一发布口径 加强业务指导 "
    "落实先审查后公开 规范答复文书 完善工作流程 细化责任分工 加强部门协同"
)
PROBLEMS = bank(
    "信息更新不够及时 公开内容不够全面 工作人员业务水平不高 政策解读形式单一 "
    "公开渠道较为单一 保密审查机制不够健全 主动公开的时效性有待加强 专职人员配备不足"
)
AGENCIES = bank("财政局 教育局 商务局 卫生健康委员会 自然资源局 住房和城乡建设局 交通运输局 市场监督管理局 人力资源和社会保障局 民政局")  # fmt: skip
PLACES = [f"{a}{b}" for a in "东南西北中新安平永兴长清" for b in ("县", "区", "市")]


def measure(rng: random.Random) -> str:
    text = f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(GOALS)}"
    if rng.random() < 0.6:
        text += f"；{rng.choice(DETAILS)}，{rng.choice(DETAILS)}"
    return text


def generated_reports(units: int, seed: int = 7) -> list[Report]:
    rng = random.Random(seed)
    reports, made = [], 0
    while made < units:
        n = min(rng.randint(3, 5), units - made)
        place = rng.choice(PLACES)
        reports.append(
            Report(
                id=f"bench{len(reports):06d}",
                agency=f"{place}{rng.choice(AGENCIES)}",
                region=place,
                year=rng.randint(2015, 2023),
                improvement_measures=[measure(rng) for _ in range(n)],
                problems=rng.sample(PROBLEMS, 2),
            )
        )
        made += n
    return reports


def build(path: Path, units: int) -> Index:
    index = Index.create(path)
    start = time.perf_counter()
    with index.whoosh_index.writer(limitmb=256) as writer:
        for report in generated_reports(units):
            for doc in unit_documents(report):
                if doc["kind"] == "measure":
                    writer.add_document(**doc)
    print(f"built {units} measures in {time.perf_counter() - start:.1f} s")
    return index


def queries(count: int) -> list[str]:
    rng = random.Random(11)
    pairs = [json.loads(line)["query"] for line in PAIRS.open(encoding="utf-8")]
    return [pairs[i % len(pairs)] if i % 2 else measure(rng) for i in range(count)]


def time_similar(target: Any, texts: list[str]) -> list[float]:
    """Milliseconds per `similar` call; `target` is an Index or an open whoosh searcher."""
    similar(target, "预热：加载词典")  # warm up jieba, not with one of the timed texts
    times = []
    for text in texts:
        start = time.perf_counter()
        similar(target, text, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    q = statistics.quantiles(times, n=100)
    print(f"similar ({label}): n={len(times)} p50={q[49]:.1f} ms p95={q[94]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--path", type=Path, help="reuse (or build) the index here")
    parser.add_argument("--profile", action="store_true", help="cProfile similar() and print")
    args = parser.parse_args()
    path = args.path or Path(tempfile.mkdtemp(prefix="govsearch-bench-"))
    index = Index.open(path) if (path / "govsearch.json").exists() else build(path, args.units)
    texts = queries(args.queries)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(time_similar, index, texts)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        texts = queries(2 * args.queries)[args.queries :]  # unseen texts: no warm caches
    report("a searcher opened per call, as the CLI does", time_similar(index, texts))
    with index.searcher() as searcher:  # other texts, so no cache is warm from the first run
        others = queries(2 * len(texts))[len(texts) :]
        report("one searcher reused, as a server would", time_similar(searcher, others))
    start = time.perf_counter()
    groups = index.common_measures()
    print(f"common_measures: {time.perf_counter() - start:.1f} s, {len(groups)} groups")


if __name__ == "__main__":
    main()
