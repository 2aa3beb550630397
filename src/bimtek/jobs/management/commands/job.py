"""bimtek job list|show|cancel: the background jobs and their progress, as the job page shows them."""

import time
import uuid
from typing import Any

from django.core.management.base import CommandParser
from tqdm import tqdm

from bimtek.jobs.models import Job
from bimtek.jobs.services import job_cancel, job_cancelling
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError


def job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result": job.result,
        "error": job.error,
        "attempts": job.attempts,
        "cancel_requested": job.cancel_requested_at is not None or job_cancelling(job),
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }


class Command(ReportCommand):
    help = "Daftar pekerjaan latar belakang, atau ikuti kemajuan satu pekerjaan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        listing.add_argument("--limit", type=int, default=20)
        show = sub.add_parser("show")
        show.add_argument("id")
        show.add_argument("--wait", action="store_true", help="tunggu sampai selesai, dengan bilah kemajuan")
        cancel = sub.add_parser("cancel", help="batalkan pekerjaan yang menunggu atau berjalan")
        cancel.add_argument("id")
        for p in (listing, show, cancel):
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        if options["action"] == "list":
            jobs = [job_dict(j) for j in Job.objects.all()[: options["limit"]]]
            lines = [
                f"{j['id']}  {j['status']:<8} {j['percent'] if j['percent'] is not None else '':>4}  {j['title']}"
                for j in jobs
            ]
            self.emit({"jobs": jobs}, "\n".join(lines) or "Belum ada pekerjaan.")
            return
        job = self._job(options["id"])
        if options["action"] == "cancel":
            self._cancel(job)
            return
        if options["wait"]:
            job = self._follow(job)
        data = job_dict(job)
        self.emit(
            data, f"{job.title}: {job.get_status_display()} {job.done}/{job.total or '?'} {job.message}"
        )

    def _cancel(self, job: Job) -> None:
        """A queued job ends now; a running one stops at its next step (exit 1 when it had already ended)."""
        try:
            job = job_cancel(job=job, actor=cli_actor())
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code, **job_dict(job)}) from None
        human = (
            f"{job.title}: dibatalkan"
            if job.is_finished
            else f"{job.title}: pembatalan diminta; pekerjaan berhenti pada langkah berikutnya"
        )
        self.emit(job_dict(job), human)

    @staticmethod
    def _job(raw: str) -> Job:
        try:
            return Job.objects.get(pk=uuid.UUID(raw))
        except (ValueError, Job.DoesNotExist):
            raise UsageError(f"Pekerjaan '{raw}' tidak ada") from None

    def _follow(self, job: Job) -> Job:
        with tqdm(total=job.total, desc=job.title, disable=None if not self.json_output else True) as bar:
            while not job.is_finished:
                time.sleep(0.5)
                job.refresh_from_db()
                bar.total = job.total
                bar.n = job.done
                bar.set_postfix_str(job.message)
                bar.refresh()
        return job
