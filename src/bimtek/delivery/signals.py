"""`attendance_recorded` is sent inside the transaction that stored new check-ins, with the session and the
people checked in, so an app above (readiness marks their TPS for re-judging) follows without delivery
naming it. Sent with sender=TrainingSession, session=<TrainingSession>, person_ids=<list of int>."""

from django.dispatch import Signal

attendance_recorded = Signal()
