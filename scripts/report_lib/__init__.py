"""ftbench report: turns run directories into text, statistics and figures.

One concept per module:
  load      reading and validating run directories (the input contract)
  roles     what a counter or backend *means* (cycles? mispredicts? PMU?)
  stats     the statistics (medians, bootstrap, rank tests, fits, knees)
  analysis  applying the statistics to runs: cells, comparisons, fits
  textfmt   80-column text tables
  summary   the text sections of the report
  figures   which figures the data supports (renderer independent)
  gnuplot   the gnuplot renderer (PNG, SVG, dumb preview)
  mpl       the matplotlib renderer (publication figures)
  pages     report.md and report.html
  cli       argument parsing and orchestration
"""
