// Benchmarks: see README.md ("Benchmarks").
print("qcode-bench: nothing yet")
