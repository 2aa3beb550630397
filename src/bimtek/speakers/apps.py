from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "bimtek.speakers"
    label = "speakers"
    verbose_name = "Narasumber"

    def ready(self) -> None:
        from bimtek.planner.extensions import register_session_keeper, register_session_section

        # The planner's session page shows who speaks on what, without the planner importing this app.
        register_session_section("bimtek.speakers.views.session_section")
        # A re-solve replaces the planned sessions: the speakers go with them to the same hall and time.
        register_session_keeper("bimtek.speakers.keep.keep_session_speakers")
