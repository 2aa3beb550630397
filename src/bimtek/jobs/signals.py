"""`job_ended` is sent once a job has ended, whatever ended it: done, failed, cancelled, or given up after its
worker died too often. An app whose job holds something (the plan's "solving" state) releases it here, so the
jobs app names no other app.
"""

from django.dispatch import Signal

job_ended = Signal()  # sender=Job, job=<Job>, status=<JobStatus>
