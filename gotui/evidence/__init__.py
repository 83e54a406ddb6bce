"""Type evidence: what each parameter and result of a unit is, and how we know.

Sources, strongest first (ORDER in model.py): the author's annotation, runtime traces recorded by
`gotui trace`, the docstring's doctest examples, what callers in the package pass, and usage in
the body. The translator, the hazard notes, the prompts and check all read the same evidence.
"""
