"""The shipped scenario library (YAML files), the product catalog and schema.json.

A package only so that installs carry the YAML files along with the code.
"""
