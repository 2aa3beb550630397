"""`user_created` is sent inside the transaction that stores a new account, so the audit app (a floor above,
it scopes its log through `accounts.scoping`) records it in that same transaction without accounts importing
audit. Sent with sender=User, user=<User>, actor=<who>, after=<what to record>."""

from django.dispatch import Signal

user_created = Signal()
