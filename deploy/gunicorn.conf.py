"""gunicorn's settings for Bimtek in production (docs/deploy.md); bimtek-web.service and deploy/try-production
both start `gunicorn --config deploy/gunicorn.conf.py bimtek.wsgi`.

The environment may change the bind address and the number of workers; the rest is policy.
"""

import os

# nginx speaks to gunicorn over a Unix socket in /run/bimtek, which only group bimtek (nginx is in it) may enter.
bind = os.environ.get("GUNICORN_BIND", "unix:/run/bimtek/web.sock")
# Sync workers: a request is a few database queries; long work is a background job (bimtek worker).
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "sync"
# An XLSX export of a whole province is the slowest request; nginx waits as long (proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, so they are not all replaced at once).
max_requests = 2000
max_requests_jitter = 200
# Logs go to stderr: the journal under systemd, the try's log files in deploy/try-production.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# nginx sets X-Forwarded-Proto itself (deploy/nginx/bimtek.conf); Django trusts it when BEHIND_TLS_PROXY=true.
# gunicorn's own check applies to TCP peers only; a Unix socket's peer is always trusted.
forwarded_allow_ips = "127.0.0.1,::1"
proc_name = "bimtek-web"
# gunicorn 25.1+ opens a control socket (gunicornc) in $HOME unless told otherwise: beside the web socket instead,
# owner only. Older gunicorn ignores the setting.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "/run/bimtek/gunicorn.ctl")
control_socket_mode = 0o600
