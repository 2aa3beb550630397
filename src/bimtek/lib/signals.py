"""`training_recorded` is sent inside the transaction that stored a check-in, a submitted test or a drill of
some people, so an app above (readiness re-judges their TPS) follows without the app that sent it naming it.
Sent with sender=<the model class stored>, election_id=<int>, person_ids=<list of int>.

`crew_changed` is sent, the same way and with the same arguments, inside the transaction that seated someone
in a TPS crew (a PAW replacement, an empty seat filled): person_ids are the people newly seated, whose TPS
readiness re-judges (one member fewer trained, a seat no longer vacant)."""

from django.dispatch import Signal

training_recorded = Signal()
crew_changed = Signal()
