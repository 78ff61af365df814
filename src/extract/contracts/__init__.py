"""The contract stage's parts: clauses and parties, frames, fields, objects, discourse links, tables."""
