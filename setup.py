"""
Leaves the demo project's own modules out of the wheel; pyproject.toml holds the rest.

setuptools can leave out whole packages (`clinic_site.settings`, `clinic_site.demo`) but not
single modules, so this drops the demo project's URLconf and server entry points from
`clinic_site`: they name settings only this repository has, and a host project has its own.
"""

from setuptools import setup
from setuptools.command.build_py import build_py

PROJECT_MODULES = {("clinic_site", "urls"), ("clinic_site", "wsgi"), ("clinic_site", "asgi")}


class BuildPyWithoutProjectModules(build_py):
    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        return [
            (pkg, module, path)
            for pkg, module, path in modules
            if (pkg, module) not in PROJECT_MODULES
        ]


setup(cmdclass={"build_py": BuildPyWithoutProjectModules})
