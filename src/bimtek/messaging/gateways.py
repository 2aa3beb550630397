"""SMS gateways: one interface, chosen by the setting BIMTEK_SMS_GATEWAY (a dotted path to a class).

The default writes to the log with the number masked, so a demo never texts anyone; a real gateway is a
class with `send(to, text) -> SmsResult` in the deployment's own module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from bimtek.lib.masking import mask_phone

DEFAULT_GATEWAY = "bimtek.messaging.gateways.ConsoleGateway"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsResult:
    ok: bool
    error: str = ""


class SmsGateway(Protocol):
    def send(self, to: str, text: str) -> SmsResult: ...


class ConsoleGateway:
    """Logs that a message would go out, never the number in full nor the text (it names the person)."""

    def send(self, to: str, text: str) -> SmsResult:
        logger.info("SMS ke %s (%d karakter)", mask_phone(to), len(text))
        return SmsResult(ok=True)


class DemoGateway:
    """The demo's: prints the text (synthetic people only) so a visitor can read a sign-in code; the number masked."""

    def send(self, to: str, text: str) -> SmsResult:
        print(f"[SMS demo ke {mask_phone(to)}] {text}", flush=True)  # noqa: T201  # the demo's console is its outbox
        return SmsResult(ok=True)


class RecordingGateway:
    """For tests: keeps what was sent, in order, on the class so a test can read it after the service ran."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, to: str, text: str) -> SmsResult:
        RecordingGateway.sent.append((to, text))
        return SmsResult(ok=True)


def sms_gateway() -> SmsGateway:
    gateway: SmsGateway = import_string(getattr(settings, "BIMTEK_SMS_GATEWAY", DEFAULT_GATEWAY))()
    return gateway
