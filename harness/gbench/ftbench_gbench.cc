// SPDX-License-Identifier: GPL-2.0
/*
 * An independent cross-check of ftbench's time backend: Google Benchmark
 * (Debian's libbenchmark-dev) timing the same variant entry points over the
 * same corpus, through bench/workload.h. It shares no measurement code with
 * harness/: its own loop, timer, iteration count and statistics.
 *
 * Names follow ftbench's: ftrace-ops/VARIANT/relevant=R/irrelevant=I, to
 * which Google Benchmark appends "/real_time".
 * Each iteration makes kBatch traced calls, so Time is per batch; the
 * "per_call" counter is wall time per traced call (UseRealTime), the
 * figure to set beside ftbench's real_time.
 *
 *   build/x86_64/ftbench-gbench [--variants=a,b] [gbench flags]
 */
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "bench/workload.h"
}

namespace
{

/* Calls per iteration: amortises the benchmark loop as N-vs-2N does. */
constexpr uint64_t kBatch = 1000;

/* ftbench's ftrace-ops points: the kernel sample's table, and 0/0. */
const int kPoints[][2] = { { 0, 0 }, { 1, 0 },	{ 1, 1 },
			   { 1, 2 }, { 1, 10 }, { 1, 100 },
			   { 2, 0 }, { 10, 0 }, { 100, 0 } };

void run_point(benchmark::State &state, std::string variant, int relevant,
	       int irrelevant)
{
	struct ftb_workload w;
	char err[256] = "";

	if (ftb_workload_build(variant.c_str(), relevant, irrelevant, &w, err,
			       sizeof(err))) {
		state.SkipWithError(err[0] ? err : "ftb_workload_build failed");
		return;
	}
	w.run(w.ctx, kBatch); /* warm-up, outside the timed loop */
	for (auto _ : state)
		w.run(w.ctx, kBatch);
	state.counters["per_call"] = benchmark::Counter(
		static_cast<double>(state.iterations() * kBatch),
		benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
	ftb_workload_destroy(&w);
}

std::vector<std::string> split(const char *list)
{
	std::vector<std::string> out;
	std::string s(list);
	size_t start = 0;

	while (start <= s.size()) {
		size_t comma = s.find(',', start);

		if (comma == std::string::npos)
			comma = s.size();
		if (comma > start)
			out.push_back(s.substr(start, comma - start));
		start = comma + 1;
	}
	return out;
}

/* Takes --variants=... out of argv before Google Benchmark sees it. */
std::vector<std::string> take_variants(int *argc, char **argv)
{
	const char *list = "none,list,callops,dyntramp";
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		if (!std::strncmp(argv[i], "--variants=", 11))
			list = argv[i] + 11;
		else
			argv[out++] = argv[i];
	}
	*argc = out;
	return split(list);
}

void register_all(const std::vector<std::string> &variants)
{
	for (const auto &v : variants) {
		for (const auto &p : kPoints) {
			std::string name =
				"ftrace-ops/" + v +
				"/relevant=" + std::to_string(p[0]) +
				"/irrelevant=" + std::to_string(p[1]);

			benchmark::RegisterBenchmark(name.c_str(), run_point, v,
						     p[0], p[1])
				->Unit(benchmark::kNanosecond)
				->UseRealTime();
		}
	}
}

} // namespace

int main(int argc, char **argv)
{
	register_all(take_variants(&argc, argv));
	benchmark::Initialize(&argc, argv);
	if (benchmark::ReportUnrecognizedArguments(argc, argv))
		return 1;
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
