"""Reports for people: Jinja2 pages (reviewer, arbitration, policy versions, diffs, simulations) built
from engine and workflow results. Imported by api/ and cli/; imports neither."""
