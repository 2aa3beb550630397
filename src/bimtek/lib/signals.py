"""`training_recorded` is sent inside the transaction that stored a check-in, a submitted test or a drill of
some people, so an app above (readiness re-judges their TPS) follows without the app that sent it naming it.
Sent with sender=<the model class stored>, election_id=<int>, person_ids=<list of int>."""

from django.dispatch import Signal

training_recorded = Signal()
