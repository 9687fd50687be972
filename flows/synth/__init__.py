"""Synthetic SSDA903 returns for one LA over several collection years (`csc-outcomes synth`)."""

from flows.synth.config import SynthConfig, SynthResult
from flows.synth.generate import generate

__all__ = ["SynthConfig", "SynthResult", "generate"]
