"""palabre: participatory workshops in person, from phones, paper and a projector."""

__version__ = "0.1.0"
