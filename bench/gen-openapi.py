#!/usr/bin/env python3
"""Writes a large OpenAPI 3.1 description (default >= 5 MB) and an Arazzo document using it.

usage: gen-openapi.py OUT_DIR [TARGET_BYTES]
"""
import os
import sys

out = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 5 * 1024 * 1024
os.makedirs(out, exist_ok=True)

head = """openapi: 3.1.0
info:
  title: Generated large API
  version: 1.0.0
servers:
  - url: https://api.example.com/{version}
    variables:
      version:
        default: v1
components:
  schemas:
    Item:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
        tags: {type: array, items: {type: string}}
  parameters:
    Limit:
      name: limit
      in: query
      schema: {type: integer, minimum: 1, maximum: 100}
paths:
"""
chunks = [head]
size = len(head)
i = 0
while size < target:
    block = f"""  /resources{i}/{{itemId}}/children:
    get:
      operationId: listChildren{i}
      summary: List the children of item {i}, with a long description to look like real documents.
      description: >-
        Returns a page of children of the item. The response is wrapped in a data envelope and
        carries pagination links; unknown query parameters are ignored by the server.
      parameters:
        - name: itemId
          in: path
          required: true
          schema: {{type: integer}}
        - $ref: '#/components/parameters/Limit'
        - name: cursor
          in: query
          schema: {{type: string}}
      responses:
        "200":
          description: A page of children.
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {{type: array, items: {{$ref: '#/components/schemas/Item'}}}}
                  next: {{type: string}}
        "404":
          description: No such item.
    post:
      operationId: createChild{i}
      parameters:
        - name: itemId
          in: path
          required: true
          schema: {{type: integer}}
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Item'}}
      responses:
        "201":
          description: Created.
"""
    chunks.append(block)
    size += len(block)
    i += 1

with open(os.path.join(out, "large.openapi.yaml"), "w") as f:
    f.write("".join(chunks))

last = i - 1
with open(os.path.join(out, "large.arazzo.yaml"), "w") as f:
    f.write(f"""arazzo: 1.0.1
info:
  title: Walk a large API
  version: 1.0.0
sourceDescriptions:
  - name: large
    url: ./large.openapi.yaml
    type: openapi
workflows:
  - workflowId: walk
    inputs:
      type: object
      properties:
        itemId: {{type: integer}}
    steps:
      - stepId: first
        operationId: listChildren0
        parameters:
          - name: itemId
            in: path
            value: $inputs.itemId
        successCriteria:
          - condition: $statusCode == 200
        outputs:
          next: $response.body#/next
      - stepId: last
        operationId: listChildren{last}
        parameters:
          - name: itemId
            in: path
            value: $inputs.itemId
          - name: cursor
            in: query
            value: $steps.first.outputs.next
        successCriteria:
          - condition: $statusCode == 200 && $response.body#/data != null
    outputs:
      next: $steps.first.outputs.next
""")
print(f"{out}/large.openapi.yaml: {size} bytes, {i * 2} operations")
