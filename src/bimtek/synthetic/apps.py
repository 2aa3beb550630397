from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """No models: an app only so that Django finds the `synth` command beside the generator it runs."""

    name = "bimtek.synthetic"
    label = "synthetic"
