import os

# The sentence encoder runs small matrix products per query: one BLAS thread is fastest on a shared 2-core server
# (several threads per worker fight each other). Set before NumPy loads; an explicit environment setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# The tokenizer's own thread pool is not worth it for one short query, and warns after a fork (gunicorn --preload).
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
