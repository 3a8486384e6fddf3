"""The data generator and the benchmark that print Digest's figures (see bench/README in RESULTS.md)."""
