"""ftbench's modelled cycles (docs/model.md): the exact executed path of one
traced call, recorded by the ftb-emu plugin, fed to llvm-mca's scheduling
models of named cores, plus the predictor model's mispredicts times each
core's published mispredict penalty. Everything here is a model; every
figure and table that carries it says so.

Modules: pathrec (reading path runs, cutting out one call), llvm (llvm-mc
and llvm-mca 19), cores (the named cores, penalties and their sources, the
x86 host CPU), model (the per-call figures), compare (model against the
measured TSC and against the reference table), tables (text), cli.
"""
