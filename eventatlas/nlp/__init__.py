"""The nlp stage: spaCy parse of a Document into sentences and entity mentions."""

from eventatlas.nlp.parse import load_model, parse, parse_many

__all__ = ["load_model", "parse", "parse_many"]
